package io.mqttpersistence.bench;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A data source whose connections accept every call and touch nothing, so that the connector's own
 * work (decode, route, plan, bind) can be timed without a database round trip.
 */
final class NullJdbc {
  private NullJdbc() {}

  static DataSource dataSource() {
    Connection connection =
        proxy(
            Connection.class,
            (name, args) ->
                switch (name) {
                  case "prepareStatement" -> proxy(PreparedStatement.class, NullJdbc::statement);
                  case "createStatement" -> proxy(Statement.class, NullJdbc::statement);
                  case "getAutoCommit", "isClosed" -> false;
                  case "isValid" -> true;
                  default -> null;
                });
    return proxy(
        DataSource.class, (name, args) -> name.equals("getConnection") ? connection : null);
  }

  private static Object statement(String name, Object[] args) {
    return switch (name) {
      case "executeBatch" -> new int[0];
      case "executeUpdate", "getUpdateCount" -> 0;
      case "execute" -> false;
      case "executeQuery", "getResultSet" ->
          proxy(ResultSet.class, (n, a) -> n.equals("next") ? false : null);
      default -> null;
    };
  }

  private interface Handler {
    Object handle(String method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Handler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            NullJdbc.class.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> {
              Object r = handler.handle(method.getName(), args);
              if (r == null
                  && method.getReturnType().isPrimitive()
                  && method.getReturnType() != void.class) {
                return method.getReturnType() == boolean.class ? false : 0;
              }
              return r;
            }));
  }
}
