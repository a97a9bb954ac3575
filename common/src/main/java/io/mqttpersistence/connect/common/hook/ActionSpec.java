package io.mqttpersistence.connect.common.hook;

import java.util.List;

/** What a hook's {@code action} asks for: a built-in function or a list of raw statements. */
public sealed interface ActionSpec {

  /** {@code {"function": "on_message_publish"}}. */
  record Function(String name) implements ActionSpec {}

  /**
   * {@code {"sql": [...]}}, {@code {"cql": [...]}} or {@code {"commands": [...]}}.
   *
   * @param kind the JSON key that held the statements
   */
  record Statements(String kind, List<String> statements) implements ActionSpec {
    public Statements {
      statements = List.copyOf(statements);
    }
  }
}
