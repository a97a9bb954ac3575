package io.mqttpersistence.connect.common.event;

/**
 * A record that cannot be turned into a broker event: bad input, never retried, reported with its
 * reason.
 */
public class MalformedEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedEventException(String message) {
    super(message);
  }

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
