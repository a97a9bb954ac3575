package io.mqttpersistence.tools.convert;

/**
 * Something in an EMQX config the converter cannot carry over, or an option it accepts and drops.
 *
 * @param where {@code file:line}
 * @param message what and why, never a secret's value
 */
record Problem(String where, String message) {
  @Override
  public String toString() {
    return where + ": " + message;
  }
}
