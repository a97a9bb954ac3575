package io.mqttpersistence.connect.redis;

import io.mqttpersistence.connect.common.store.LookupReply;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of a batch, in event order. A step without a continuation is pipelined with its
 * neighbours; a step with one ends a pipeline, because what follows may depend on its replies.
 */
final class RedisPlan {
  /** What to do with a step's replies: add the steps that follow from them, or answer a lookup. */
  @FunctionalInterface
  interface Continuation {
    void onReplies(List<Object> replies, RedisPlan next);
  }

  record Step(List<RedisCommand> commands, Continuation then) {}

  private final List<Step> steps = new ArrayList<>();
  private final List<LookupReply> replies = new ArrayList<>();

  void add(RedisCommand... commands) {
    if (commands.length > 0) {
      steps.add(new Step(List.of(commands), null));
    }
  }

  void add(List<RedisCommand> commands, Continuation then) {
    steps.add(new Step(List.copyOf(commands), then));
  }

  void reply(LookupReply reply) {
    replies.add(reply);
  }

  List<Step> steps() {
    return steps;
  }

  List<LookupReply> replies() {
    return replies;
  }

  boolean isEmpty() {
    return steps.isEmpty() && replies.isEmpty();
  }
}
