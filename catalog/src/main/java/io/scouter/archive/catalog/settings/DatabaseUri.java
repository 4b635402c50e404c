package io.scouter.archive.catalog.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The PostgreSQL server named by {@code DATABASE_URI}, in the form the original server accepts
 * ({@code postgresql://user:password@host:5432/database?options}); a {@code jdbc:postgresql:} URL
 * is accepted too. The password never appears in {@link #toString()}.
 */
public final class DatabaseUri {
  public static final String SETTING = "DATABASE_URI";
  private static final String ACCEPTED =
      "postgresql://user:password@host:port/database (or postgres://, or jdbc:postgresql://...)";

  private final String jdbcUrl;
  private final String user;
  private final String password;

  private DatabaseUri(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** Builds a URI for a server this process knows directly, such as the embedded one. */
  public static DatabaseUri of(String jdbcUrl, String user, String password) {
    return new DatabaseUri(jdbcUrl, user, password);
  }

  /** Parses the setting; blank means "not set" (the embedded server is used then). */
  public static Optional<DatabaseUri> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String trimmed = text.trim();
    String withoutJdbc = trimmed.startsWith("jdbc:") ? trimmed.substring("jdbc:".length()) : trimmed;
    URI uri;
    try {
      uri = new URI(withoutJdbc);
    } catch (URISyntaxException e) {
      throw new InvalidSettingException(SETTING, redact(trimmed), ACCEPTED, e);
    }
    String scheme = uri.getScheme();
    if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
      throw new InvalidSettingException(SETTING, redact(trimmed), ACCEPTED);
    }
    String host = uri.getHost();
    String path = uri.getRawPath();
    if (host == null || host.isEmpty() || path == null || path.length() <= 1) {
      throw new InvalidSettingException(SETTING, redact(trimmed), ACCEPTED);
    }
    String database = decode(path.substring(1));
    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String jdbcUrl = "jdbc:postgresql://" + hostPart + port + "/" + database + query;
    return Optional.of(new DatabaseUri(jdbcUrl, user, password));
  }

  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Hides passwords (user info, {@code password=}, {@code sslpassword=}) in a URI that failed to parse. */
  private static String redact(String text) {
    return text.replaceAll("(//[^:/@]*:)[^@/]*@", "$1****@")
        .replaceAll("(?i)([?&](ssl)?password=)[^&]*", "$1****");
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  @Override
  public String toString() {
    return "DatabaseUri{" + redact(jdbcUrl) + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "}";
  }
}
