package io.mqttpersistence.connect.common.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * The ops of one batch, in event order, as actions add them: the event being planned is stamped on
 * each op it adds, so a store can blame a failed op on its own record.
 *
 * @param <O> the store's op type
 */
public class OpList<O extends Op> {
  private final List<O> ops = new ArrayList<>();
  private int event;

  public void startEvent(int index) {
    event = index;
  }

  /** The place in the batch of the event being planned. */
  public int event() {
    return event;
  }

  public void add(O op) {
    ops.add(op);
  }

  public List<O> ops() {
    return ops;
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }
}
