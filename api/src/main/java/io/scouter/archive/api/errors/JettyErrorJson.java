package io.scouter.archive.api.errors;

import java.io.PrintWriter;
import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The {@code {"error", "code"}} body of errors that Jetty answers itself, before any route runs
 * (bad URI, 414, 431, TRACE, unknown admin path): written by hand because no ObjectMapper is
 * reachable there, with the message escaped for JSON.
 */
final class JettyErrorJson {
  private JettyErrorJson() {}

  static String body(int status, String message) {
    String reason = HttpStatus.getMessage(status);
    String code = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    String text = message == null || message.isBlank() ? reason : message;
    return "{\"error\":\"" + escape(text) + "\",\"code\":\"" + code + "\"}";
  }

  static void write(PrintWriter writer, int status, String message) {
    writer.write(body(status, message));
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c)) {
            escaped.append(String.format("\\u%04x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }
}
