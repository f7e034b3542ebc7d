package io.perfweave.agent.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one request's head and body from a connection, within fixed limits and a deadline, and
 * checks its syntax strictly, before the HTTP library parses it. Whatever the library would
 * misread, answer in plain text or log to the host's console is refused here with the right
 * status: 400 malformed, 405 unknown method, 408 too slow, 411 chunked body, 413 body too large,
 * 414 request target too long, 431 headers too large, 505 HTTP version.
 *
 * <p>Limits: request target {@value #MAX_TARGET} bytes (the query included), head
 * {@value #MAX_HEAD} bytes, {@value #MAX_HEADER_LINES} header lines, body {@value #MAX_BODY} bytes
 * (no endpoint takes a body), and {@value #DEADLINE_MILLIS} ms for the whole request however
 * slowly it trickles in.
 */
final class RequestHeadReader {
    static final int MAX_TARGET = 2048;
    static final int MAX_HEAD = 8192;
    static final int MAX_HEADER_LINES = 64;
    static final int MAX_BODY = 1024;
    static final int DEADLINE_MILLIS = 10_000;
    /** Methods the HTTP library knows; any other well-formed method is a 405. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS",
            "PATCH", "TRACE", "CONNECT");
    static final String ALLOWED_METHODS = "GET, HEAD, POST";

    private RequestHeadReader() {
    }

    /** Signals a client that closed its connection before sending a request: nothing to answer. */
    static final class NoRequest extends Exception {
        NoRequest() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the request and returns its bytes, head and body, for the library to parse.
     *
     * @param idleMillis the longest wait for any one read
     */
    static byte[] read(Socket socket, InputStream in, int idleMillis) throws RejectedRequest, NoRequest, IOException {
        long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000L;
        byte[] buffer = new byte[MAX_HEAD + MAX_BODY];
        int length = 0;
        int headEnd = -1;
        while (headEnd < 0) {
            if (length >= MAX_HEAD) {
                throw tooLarge(buffer, length);
            }
            int n = readSome(socket, in, buffer, length, MAX_HEAD - length, deadline, idleMillis);
            if (n < 0) {
                if (length == 0) {
                    throw new NoRequest();
                }
                throw new RejectedRequest(400, "the request ended before its headers did");
            }
            int from = Math.max(0, length - 3);
            length += n;
            headEnd = headEnd(buffer, from, length);
            if (headEnd < 0 && firstLineEnd(buffer, length) < 0 && length > MAX_TARGET + 32) {
                throw new RejectedRequest(414, "request target longer than " + MAX_TARGET + " bytes");
            }
        }
        long bodyLength = check(new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1), socket);
        int end = headEnd + (int) bodyLength;
        while (length < end) {
            int n = readSome(socket, in, buffer, length, end - length, deadline, idleMillis);
            if (n < 0) {
                throw new RejectedRequest(400, "the request body is shorter than its Content-Length");
            }
            length += n;
        }
        byte[] request = new byte[end];
        System.arraycopy(buffer, 0, request, 0, end);
        return request;
    }

    private static int readSome(Socket socket, InputStream in, byte[] buffer, int offset, int length, long deadline,
                                int idleMillis) throws IOException, RejectedRequest {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw slow();
        }
        socket.setSoTimeout((int) Math.min(left, idleMillis));
        try {
            return in.read(buffer, offset, length);
        } catch (SocketTimeoutException timeout) {
            throw slow();
        }
    }

    private static RejectedRequest slow() {
        return new RejectedRequest(408, "request not received within " + DEADLINE_MILLIS / 1000
                + " s, or stalled for longer than the read timeout");
    }

    private static RejectedRequest tooLarge(byte[] buffer, int length) {
        if (firstLineEnd(buffer, length) < 0) {
            return new RejectedRequest(414, "request target longer than " + MAX_TARGET + " bytes");
        }
        return new RejectedRequest(431, "request headers larger than " + MAX_HEAD + " bytes");
    }

    /** Index just past the blank line that ends the head ({@code CRLF CRLF} or {@code LF LF}), or -1. */
    static int headEnd(byte[] buffer, int from, int length) {
        for (int i = from; i < length; i++) {
            if (buffer[i] != '\n') {
                continue;
            }
            if (i >= 1 && buffer[i - 1] == '\n') {
                return i + 1;
            }
            if (i >= 3 && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int firstLineEnd(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Checks the head's syntax and limits; returns the body length. Line ends are CRLF or LF;
     * a lone CR, which parsers split differently, is refused.
     */
    static long check(String head, Socket socket) throws RejectedRequest, IOException {
        String[] lines = head.split("\r?\n", -1);
        if (head.replace("\r\n", "\n").indexOf('\r') >= 0) {
            throw new RejectedRequest(400, "carriage return outside a line end");
        }
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || requestLine[0].isEmpty() || requestLine[1].isEmpty()) {
            throw new RejectedRequest(400, "malformed request line; expected e.g. GET /metrics HTTP/1.1");
        }
        String method = requestLine[0];
        String target = requestLine[1];
        String version = requestLine[2];
        if (!isToken(method)) {
            throw new RejectedRequest(400, "malformed method");
        }
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            if (version.matches("HTTP/\\d(\\.\\d)?")) {
                throw new RejectedRequest(505, "HTTP version " + version.substring(5) + " is not supported; use HTTP/1.1");
            }
            throw new RejectedRequest(400, "malformed HTTP version");
        }
        if (target.length() > MAX_TARGET) {
            throw new RejectedRequest(414, "request target longer than " + MAX_TARGET + " bytes");
        }
        checkTarget(target);
        if (!KNOWN_METHODS.contains(method)) {
            throw new RejectedRequest(405, "method " + method + " not allowed; use " + ALLOWED_METHODS,
                    Map.of("Allow", ALLOWED_METHODS));
        }
        // lines ends with the two empty strings of the closing blank line
        int headerLines = lines.length - 3;
        if (headerLines > MAX_HEADER_LINES) {
            throw new RejectedRequest(431, "more than " + MAX_HEADER_LINES + " header lines");
        }
        long contentLength = -1;
        boolean host = false;
        boolean expectContinue = false;
        for (int i = 1; i <= headerLines; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                throw new RejectedRequest(400, "malformed header line " + i);
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
                    throw new RejectedRequest(400, "control character in header " + name);
                }
            }
            switch (name) {
                case "host" -> host = true;
                case "content-length" -> {
                    if (!value.matches("\\d{1,18}")) {
                        throw new RejectedRequest(400, "malformed Content-Length");
                    }
                    long length = Long.parseLong(value);
                    if (contentLength >= 0 && contentLength != length) {
                        throw new RejectedRequest(400, "conflicting Content-Length headers");
                    }
                    contentLength = length;
                }
                case "transfer-encoding" -> throw new RejectedRequest(411,
                        "request bodies must be sent with a Content-Length, not a Transfer-Encoding");
                case "expect" -> {
                    if (!value.equalsIgnoreCase("100-continue")) {
                        throw new RejectedRequest(417, "only Expect: 100-continue is understood");
                    }
                    expectContinue = true;
                }
                default -> {
                    // other headers are the routes' business
                }
            }
        }
        if (!host && version.equals("HTTP/1.1")) {
            throw new RejectedRequest(400, "an HTTP/1.1 request needs a Host header");
        }
        long body = Math.max(0, contentLength);
        if (body > MAX_BODY) {
            throw new RejectedRequest(413, "request body larger than " + MAX_BODY + " bytes");
        }
        if (expectContinue && body > 0) {
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        return body;
    }

    /** Origin-form only ({@code /path?query}), visible ASCII, well-formed percent escapes. */
    private static void checkTarget(String target) throws RejectedRequest {
        if (target.charAt(0) != '/') {
            throw new RejectedRequest(400, "request target must start with /");
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                throw new RejectedRequest(400, "illegal character in the request target");
            }
            if (c == '%') {
                if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
                        || Character.digit(target.charAt(i + 2), 16) < 0) {
                    throw new RejectedRequest(400, "malformed percent escape in the request target");
                }
            }
        }
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
