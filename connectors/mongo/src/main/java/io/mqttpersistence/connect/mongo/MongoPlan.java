package io.mqttpersistence.connect.mongo;

import java.util.ArrayList;
import java.util.List;

/** The ops of one batch, in event order; the event being planned stamps each op it adds. */
final class MongoPlan {
  private final List<MongoOp> ops = new ArrayList<>();
  private int event;

  void startEvent(int index) {
    event = index;
  }

  int event() {
    return event;
  }

  void add(MongoOp op) {
    ops.add(op);
  }

  List<MongoOp> ops() {
    return ops;
  }

  boolean isEmpty() {
    return ops.isEmpty();
  }
}
