package io.mqttpersistence.connect.common.hook;

/** A mistake in connector configuration, tied to the config key that holds it. */
public class HookConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public HookConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The message without the key prefix, as Connect's validate response shows it under the key. */
  public String reason() {
    return getMessage().substring(key.length() + 2);
  }
}
