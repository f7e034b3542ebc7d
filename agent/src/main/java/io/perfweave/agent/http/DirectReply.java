package io.perfweave.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Answers a refused request straight on its connection, with the same JSON error shape as the
 * routes, then closes it gently: what the client is still sending is read and dropped for a
 * moment, so that the close does not reset the connection before the client has read the answer.
 */
final class DirectReply {
    private static final int DRAIN_BYTES = 64 * 1024;
    private static final int DRAIN_MILLIS = 1_000;

    private DirectReply() {
    }

    static void sendAndClose(Socket socket, int status, String message, Map<String, String> headers) {
        try (socket) {
            HttpReply reply = HttpReply.error(status, message);
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256)
                    .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
                    .append("Content-Type: ").append(reply.contentType()).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Cache-Control: no-store\r\n")
                    .append("X-Content-Type-Options: nosniff\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            socket.shutdownOutput();
            drain(socket);
        } catch (IOException gone) {
            // the client left; nothing more to tell it
        }
    }

    private static void drain(Socket socket) throws IOException {
        socket.setSoTimeout(DRAIN_MILLIS);
        InputStream in = socket.getInputStream();
        byte[] scratch = new byte[4096];
        long until = System.nanoTime() + DRAIN_MILLIS * 1_000_000L;
        int drained = 0;
        while (drained < DRAIN_BYTES && System.nanoTime() < until) {
            int n = in.read(scratch);
            if (n < 0) {
                return;
            }
            drained += n;
        }
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 417 -> "Expectation Failed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Error";
        };
    }
}
