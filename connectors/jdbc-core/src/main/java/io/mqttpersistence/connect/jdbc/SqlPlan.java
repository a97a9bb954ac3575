package io.mqttpersistence.connect.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ops of one batch, in event order, plus the follow-ups that run once at the end of the batch.
 */
public final class SqlPlan {
  private final List<SqlOp> ops = new ArrayList<>();
  private final Set<SqlOp> atEnd = new LinkedHashSet<>();
  private boolean unsettledAcks;

  public void add(SqlOp op) {
    ops.add(op);
  }

  /** Runs {@code op} once after everything else, however many events ask for it. */
  public void addOnceAtEnd(SqlOp op) {
    atEnd.add(op);
  }

  /** Notes an ack that may sit in mqtt_ack_pending until the next resolution. */
  public void noteAck() {
    unsettledAcks = true;
  }

  /** Whether acks were noted since the last call: the caller resolves them now. */
  public boolean takeUnsettledAcks() {
    boolean was = unsettledAcks;
    unsettledAcks = false;
    return was;
  }

  public boolean isEmpty() {
    return ops.isEmpty() && atEnd.isEmpty();
  }

  public List<SqlOp> ops() {
    List<SqlOp> all = new ArrayList<>(ops.size() + atEnd.size());
    all.addAll(ops);
    all.addAll(atEnd);
    return all;
  }
}
