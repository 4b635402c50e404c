package io.scouter.archive.api.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests an HTTP client refuses to send (a bad
 * URI escape, an oversized header): the answer's status, Content-Type and (de-chunked) body.
 */
record RawHttp(int status, String contentType, String body) {
  static RawHttp exchange(int port, String head) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "Host: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int headEnd = response.indexOf("\r\n\r\n");
      String[] lines = response.substring(0, headEnd).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      String contentType = null;
      boolean chunked = false;
      for (String line : lines) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-type:")) {
          contentType = line.substring("content-type:".length()).trim();
        }
        chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
      }
      String body = response.substring(headEnd + 4);
      return new RawHttp(status, contentType, chunked ? dechunk(body) : body);
    }
  }

  private static String dechunk(String body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int position = 0;
    while (position < body.length()) {
      int lineEnd = body.indexOf("\r\n", position);
      int size = Integer.parseInt(body.substring(position, lineEnd).trim(), 16);
      if (size == 0) {
        break;
      }
      out.writeBytes(body.substring(lineEnd + 2, lineEnd + 2 + size).getBytes(StandardCharsets.UTF_8));
      position = lineEnd + 2 + size + 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
