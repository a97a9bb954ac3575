package io.mqttpersistence.connect.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mqttpersistence.connect.common.hook.HookConfigException;
import io.mqttpersistence.connect.common.hook.HookParser;
import io.mqttpersistence.connect.common.hook.HookSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisFunctionsTest {

  private static HookSpec hook(String json) {
    return HookParser.parse(Map.of("hook.message.publish.1", json)).hooks().get(0);
  }

  @Test
  void expiredTimeFollowsEmqx() {
    String fn = "\"action\": {\"function\": \"on_message_publish\"}";
    assertThat(RedisFunctions.expiry(hook("{" + fn + "}"))).isEqualTo(7200);
    assertThat(RedisFunctions.expiry(hook("{" + fn + ", \"expired_time\": 3600}"))).isEqualTo(3600);
    assertThat(RedisFunctions.expiry(hook("{" + fn + ", \"expired_time\": \"60\"}"))).isEqualTo(60);
    assertThat(RedisFunctions.expiry(hook("{" + fn + ", \"expired_time\": 0}"))).isEqualTo(7200);
    assertThat(RedisFunctions.expiry(hook("{" + fn + ", \"expired_time\": -5}"))).isEqualTo(7200);
    assertThatThrownBy(() -> RedisFunctions.expiry(hook("{" + fn + ", \"expired_time\": \"2h\"}")))
        .isInstanceOf(HookConfigException.class)
        .hasMessageContaining("hook.message.publish.1");
  }
}
