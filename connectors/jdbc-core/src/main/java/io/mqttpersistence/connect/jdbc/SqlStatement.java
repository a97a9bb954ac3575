package io.mqttpersistence.connect.jdbc;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement text and the tables it touches. Equal texts batch together; statements on disjoint
 * tables may be reordered by the planner.
 */
public record SqlStatement(String sql, Set<String> tables) {
  private static final Pattern TABLE =
      Pattern.compile(
          "\\b(?:from|into|update|join|table|using)\\s+(?:only\\s+)?([`\"]?[\\w.$]+[`\"]?)",
          Pattern.CASE_INSENSITIVE);

  public SqlStatement {
    tables = Set.copyOf(tables);
  }

  public static SqlStatement of(String sql, String... tables) {
    return new SqlStatement(sql, Set.of(tables));
  }

  /**
   * For raw statements from config: the tables named after FROM, INTO, UPDATE, JOIN, TABLE or
   * USING. When none can be found the statement is treated as touching everything, which only costs
   * batching.
   */
  public static SqlStatement parse(String sql) {
    Matcher m = TABLE.matcher(sql);
    Set<String> tables = new HashSet<>();
    while (m.find()) {
      String name = m.group(1).replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
      int dot = name.lastIndexOf('.');
      tables.add(dot < 0 ? name : name.substring(dot + 1));
    }
    return new SqlStatement(sql, tables);
  }

  @Override
  public String toString() {
    return sql;
  }
}
