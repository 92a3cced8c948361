package egovframework.msa.sample.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written byte by byte to a loopback socket: the only way to send what a well-behaved client
 * library refuses to (invalid UTF-8 in the path, duplicate or oversized headers, lying lengths).
 */
final class RawHttp {

    private RawHttp() {
    }

    /** The answer to one request: status code (0 if none came) and the whole response as text. */
    static final class Answer {
        final int status;
        final String text;

        Answer(int status, String text) {
            this.status = status;
            this.text = text;
        }
    }

    static Answer exchange(int port, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer (and close) before reading everything, e.g. a 413 or 400: read it.
            }
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return new Answer(0, "timed out");
        } catch (IOException e) {
            return new Answer(0, "connection failed: " + e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n > 0 && response.size() < 1_000_000; n = in.read(buffer)) {
                response.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (response.size() == 0) {
                return new Answer(0, "reset before any answer: " + e);
            }
        }
        String text = response.toString(StandardCharsets.UTF_8);
        int status = 0;
        if (text.startsWith("HTTP/1.1 ") && text.length() >= 12) {
            status = Integer.parseInt(text.substring(9, 12));
        }
        return new Answer(status, text);
    }

    /** Request bytes: the request line and headers as ASCII/raw bytes, then the body. */
    static byte[] request(byte[] requestLine, String headers, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(requestLine);
        out.writeBytes("\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(headers.getBytes(StandardCharsets.ISO_8859_1));
        if (body != null && !headers.contains("Content-Length") && !headers.contains("Transfer-Encoding")) {
            out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }
}
