package io.mqttpersistence.connect.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ops of one batch, in event order, and the messages whose pending acks the batch resolves at
 * its end: those it stored and those it acked.
 */
public final class SqlPlan {
  private final PendingAcks pendingAcks;
  private final List<SqlOp> ops = new ArrayList<>();
  private final Set<String> settleAtEnd = new LinkedHashSet<>();
  private final Set<String> acked = new LinkedHashSet<>();
  private boolean unsettledAcks;

  SqlPlan(PendingAcks pendingAcks) {
    this.pendingAcks = pendingAcks;
  }

  public void add(SqlOp op) {
    ops.add(op);
  }

  /** A message stored by this batch: acks parked for it resolve at the end of the batch. */
  public void stored(String msgid) {
    settleAtEnd.add(msgid);
  }

  /** An ack that may sit in mqtt_ack_pending: it resolves at the end of the batch, or before. */
  public void acked(String msgid) {
    settleAtEnd.add(msgid);
    acked.add(msgid);
    unsettledAcks = true;
  }

  /**
   * Resolves now the acks planned so far, when there are new ones: before a statement that reads or
   * changes cursors, so it sees what they did.
   */
  public void settleAcksNow() {
    if (unsettledAcks) {
      ops.add(pendingAcks.ofMessages(settleAtEnd));
      unsettledAcks = false;
    }
  }

  /** Resolves one cursor's pending acks now, before a fetch reads it. */
  public void settleCursorNow(String clientid, String topic) {
    ops.add(pendingAcks.ofCursor(clientid, topic));
  }

  /** The msgids this batch acked: another task may have stored one of them meanwhile. */
  public Set<String> ackedMessages() {
    return acked;
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  public List<SqlOp> ops() {
    List<SqlOp> all = new ArrayList<>(ops.size() + 1);
    all.addAll(ops);
    if (!settleAtEnd.isEmpty()) {
      all.add(pendingAcks.ofMessages(settleAtEnd));
    }
    return all;
  }
}
