package io.mqttpersistence.connect.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script that reads and writes one key, so that it runs on the key's node in a cluster too.
 * Called by its SHA once loaded; the store loads the scripts again after a server lost its cache.
 */
record RedisScript(String name, String text, String sha) {

  /**
   * Shared Lua: whether stored message id {@code a} was minted after {@code b}, in either id
   * format.
   */
  private static final String ID_ORDER =
      """
      local function digits(id)
        local out, i = {}, 1
        while i <= #id do
          local c = id:byte(i)
          local v
          if c >= 65 and c <= 90 then v = c - 65
          elseif c >= 97 and c <= 122 then v = c - 71
          elseif c == 57 then i = i + 1; v = 61 + id:byte(i) - 65
          else v = c + 4 end
          out[#out + 1] = v
          i = i + 1
        end
        return out
      end
      local function newer(a, b)
        if not b then return true end
        if #a == 32 and #b == 32 and a:match('^[0-9A-F]+$') and b:match('^[0-9A-F]+$') then return a > b end
        local x, y = digits(a), digits(b)
        if #x ~= #y then return #x > #y end
        for i = 1, #x do
          if x[i] ~= y[i] then return x[i] > y[i] end
        end
        return false
      end
      """;

  static RedisScript of(String name, String body) {
    String text = ID_ORDER + body;
    return new RedisScript(name, text, sha1(text));
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  @Override
  public String toString() {
    return "script " + name;
  }
}
