package dev.teto.data.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The least RESP client that can start and form servers: one command per connection, the reply as text. Used where a
 * Lettuce client would be overkill or absent (readiness checks, cluster formation, clean-up).
 */
final class Resp {
    private Resp() {
    }

    /**
     * Sends one command to 127.0.0.1:{@code port} and returns its reply: a simple string, an integer or a bulk
     * string as text; an error reply as {@code -ERR ...}; arrays as their elements joined by newlines.
     *
     * @throws IOException when the server cannot be reached or does not answer within {@code timeout}
     */
    static String command(int port, Duration timeout, String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** True when the server answers PING within {@code timeout}. */
    static boolean ping(int port, Duration timeout) {
        try {
            return "PONG".equals(command(port, timeout, "PING"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(InputStream in) throws IOException {
        String line = line(in);
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+', ':' -> {
                return rest;
            }
            case '-' -> {
                return line;
            }
            case '$' -> {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int count = Integer.parseInt(rest);
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        all.append('\n');
                    }
                    all.append(read(in));
                }
                return all.toString();
            }
            default -> throw new IOException("unexpected reply type " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();   // '\n'
                return line.toString();
            }
            line.append((char) c);
        }
        throw new IOException("connection closed before a reply");
    }
}
