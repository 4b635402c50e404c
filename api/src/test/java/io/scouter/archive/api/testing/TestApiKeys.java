package io.scouter.archive.api.testing;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The fixed API keys of {@code test-config.yml}, and the one line a test class needs to call the
 * service as an admin:
 *
 * <pre>{@code
 * @BeforeAll
 * static void authenticate() {
 *   TestApiKeys.authenticate(APP);
 * }
 * }</pre>
 *
 * Every request of {@code APP.client()} then carries the admin key, on both ports, unless the
 * request sets its own {@code Authorization} header (use {@link #bearer} for another key).
 */
public final class TestApiKeys {
  public static final String ADMIN = "test-admin-key-0123456789abcdef";
  public static final String INGEST = "test-ingest-key-0123456789abcdef";
  public static final String READ = "test-read-key-0123456789abcdef";

  private TestApiKeys() {}

  /** Makes {@code app.client()} send the admin key with every request that sets no key itself. */
  public static void authenticate(DropwizardAppExtension<?> app) {
    authenticate(app.client(), ADMIN);
  }

  /** Makes {@code client} send {@code key} with every request that sets no key itself. */
  public static void authenticate(Client client, String key) {
    client.register((ClientRequestFilter) request -> {
      if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, bearer(key));
      }
    });
  }

  /** The {@code Authorization} header value for {@code key}. */
  public static String bearer(String key) {
    return "Bearer " + key;
  }
}
