package io.mqttpersistence.tools.convert;

import java.util.function.UnaryOperator;

/** What becomes of one EMQX pool or plugin option. */
sealed interface Option {

  /** Carried over as {@code key}, its value through {@code value}. */
  record Mapped(String key, UnaryOperator<String> value) implements Option {
    Mapped(String key) {
      this(key, UnaryOperator.identity());
    }
  }

  /** Accepted and dropped, for a reason a comment on stderr gives. */
  record Ignored(String why) implements Option {}

  /** Has no counterpart: the conversion fails naming the line, and says what to do instead. */
  record Unmappable(String instead) implements Option {}
}
