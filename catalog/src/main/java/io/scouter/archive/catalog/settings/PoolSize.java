package io.scouter.archive.catalog.settings;

/** Upper bound of the hot store's connection pool. */
public record PoolSize(int connections) {
  public static final String SETTING = "MAX_POOL_SIZE";
  public static final int DEFAULT_CONNECTIONS = 30;
  public static final int MAXIMUM_CONNECTIONS = 1000;
  private static final String ACCEPTED = "a whole number from 1 to " + MAXIMUM_CONNECTIONS;

  public PoolSize {
    if (connections < 1 || connections > MAXIMUM_CONNECTIONS) {
      throw new InvalidSettingException(SETTING, Integer.toString(connections), ACCEPTED);
    }
  }

  /** Parses the setting's text; blank means the default. */
  public static PoolSize parse(String text) {
    if (text == null || text.isBlank()) {
      return new PoolSize(DEFAULT_CONNECTIONS);
    }
    try {
      return new PoolSize(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(SETTING, text, ACCEPTED, e);
    }
  }
}
