package io.perfweave.agent.http;

import fi.iki.elonen.NanoHTTPD;
import io.perfweave.agent.log.AgentLog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A NanoHTTPD response whose body a {@link BodyWriter} writes as it goes, in HTTP/1.1 chunks: no
 * copy of the whole body is ever made, and a client can tell a complete answer (it ends with the
 * last chunk) from one cut short. The connection closes after it, as after every answer.
 */
final class StreamedResponse extends NanoHTTPD.Response {
    private static final int CHUNK = 16 * 1024;

    private final BodyWriter body;
    private final Map<String, String> headers;
    private final boolean headOnly;

    StreamedResponse(NanoHTTPD.Response.IStatus status, String contentType, BodyWriter body,
                     Map<String, String> headers, boolean headOnly) {
        super(status, contentType, InputStream.nullInputStream(), -1);
        this.body = body;
        this.headers = headers;
        this.headOnly = headOnly;
    }

    @Override
    protected void send(OutputStream connection) {
        try {
            StringBuilder head = new StringBuilder(256)
                    .append("HTTP/1.1 ").append(getStatus().getDescription()).append("\r\n")
                    .append("Content-Type: ").append(getMimeType()).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Connection: close\r\n");
            if (!headOnly) {
                head.append("Transfer-Encoding: chunked\r\n");
            }
            head.append("\r\n");
            connection.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (!headOnly) {
                try (Chunks chunks = new Chunks(connection)) {
                    body.writeTo(chunks);
                }
            }
            connection.flush();
        } catch (IOException | java.io.UncheckedIOException gone) {
            // the client left mid-answer; the connection closes
        } catch (RuntimeException e) {
            // the answer stops without its last chunk, which tells the client it is incomplete
            AgentLog.warn("streamed response failed: " + e);
        }
    }

    /** Chunked transfer coding over the connection; closing it writes the last chunk, not closing the connection. */
    private static final class Chunks extends OutputStream {
        private final OutputStream connection;
        private final BufferedOutputStream buffered;
        private final byte[] pending = new byte[CHUNK];
        private int size;
        private boolean closed;

        Chunks(OutputStream connection) {
            this.connection = connection;
            this.buffered = new BufferedOutputStream(connection, CHUNK + 16);
        }

        @Override
        public void write(int b) throws IOException {
            if (size == pending.length) {
                emit();
            }
            pending[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (size == pending.length) {
                    emit();
                }
                int n = Math.min(length, pending.length - size);
                System.arraycopy(bytes, offset, pending, size, n);
                size += n;
                offset += n;
                length -= n;
            }
        }

        private void emit() throws IOException {
            if (size == 0) {
                return;
            }
            buffered.write(Integer.toHexString(size).getBytes(StandardCharsets.ISO_8859_1));
            buffered.write('\r');
            buffered.write('\n');
            buffered.write(pending, 0, size);
            buffered.write('\r');
            buffered.write('\n');
            size = 0;
        }

        @Override
        public void flush() {
            // chunks go out when full or at the end: a flush from the body's writer must not make tiny chunks
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            emit();
            buffered.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            buffered.flush();
            connection.flush();
        }
    }
}
