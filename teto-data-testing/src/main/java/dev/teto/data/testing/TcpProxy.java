package dev.teto.data.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, that a test can cut while the server stays up: the network
 * partition a frozen server cannot model, because the server goes on serving everyone else.
 *
 * <ul>
 *   <li>{@link #cut()}: a black hole. Open connections stay open but nothing passes either way (bytes are dropped,
 *       no RST, no EOF), and new connections are accepted and then get no answer. Only the client's own timeouts
 *       end its calls.</li>
 *   <li>{@link #restore()}: closes the connections that were cut (their streams lost bytes, so they cannot go on)
 *       and forwards new connections again: the client must reconnect.</li>
 *   <li>{@link #dropConnections()}: closes every open connection at once (the client sees EOF) and keeps
 *       forwarding: a server restart or a load balancer reset, as the client sees it.</li>
 * </ul>
 *
 * <p>Two daemon threads per connection pump the bytes. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort, ServerSocket listener) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listener;
    }

    /** Listens on an ephemeral port of 127.0.0.1 and forwards to {@code host:port}. */
    public static TcpProxy start(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            TcpProxy proxy = new TcpProxy(host, port, listener);
            Thread acceptor = new Thread(proxy::acceptLoop, "teto-proxy-" + listener.getLocalPort());
            acceptor.setDaemon(true);
            acceptor.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start a TCP proxy: " + e, e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void cut() {
        cut = true;
        LOG.debug("proxy {} cut", port());
    }

    public void restore() {
        synchronized (open) {
            cut = false;
            closeAll();
        }
        LOG.debug("proxy {} restored", port());
    }

    public boolean isCut() {
        return cut;
    }

    public void dropConnections() {
        synchronized (open) {
            closeAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing the listener: {}", e.toString());
        }
        dropConnections();
    }

    private void closeAll() {
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing a proxied socket: {}", e.toString());
            }
        }
        open.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;   // closed
            }
            synchronized (open) {
                open.add(client);
                if (cut) {
                    continue;   // held silent until restore() closes it
                }
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(targetHost, targetPort), 2000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;   // target down: the client sees EOF, as with a refused connection
            }
            synchronized (open) {
                open.add(server);
            }
            pump(client, server, "up");
            pump(server, client, "down");
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) != -1) {
                    if (!cut) {   // cut: drop the bytes, as a black-holing network does
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed
            }
            if (!cut) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "teto-proxy-" + port() + "-" + direction);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
