package dev.teto.data.api.error;

/** Root of every exception teto-data throws; callers can catch this one type at a service boundary. */
public class TetoDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TetoDataException(String message) {
        super(message);
    }

    public TetoDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
