package io.mqttpersistence.connect.common.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpPlannerTest {
  record TestOp(String name, String stmt, Set<String> resources, Object rowKey) implements Op {
    @Override
    public Object batchKey() {
      return stmt;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static TestOp op(String name, String stmt, String table, Object row) {
    return new TestOp(name, stmt, Set.of(table), row);
  }

  private static List<String> plan(TestOp... ops) {
    return OpPlanner.plan(List.of(ops)).stream().map(Object::toString).toList();
  }

  @Test
  void gathersOpsOfOneStatementAcrossUnrelatedOnes() {
    assertThat(
            plan(
                op("p1", "pub", "msg", null),
                op("c1", "conn", "client", "a"),
                op("p2", "pub", "msg", null),
                op("c2", "conn", "client", "b")))
        .containsExactly("[p1, p2]", "[c1, c2]");
  }

  @Test
  void flushesAGroupBeforeAnOpThatTouchesItsTable() {
    assertThat(
            plan(
                op("p1", "pub", "msg", null),
                op("d1", "del", "msg", null),
                op("p2", "pub", "msg", null)))
        .containsExactly("[p1]", "[d1]", "[p2]");
  }

  @Test
  void cutsAGroupWhenAnUpsertWouldHitTheSameRowTwice() {
    assertThat(
            plan(
                op("c1", "conn", "client", "a"),
                op("c2", "conn", "client", "b"),
                op("c3", "conn", "client", "a")))
        .containsExactly("[c1, c2]", "[c3]");
  }

  @Test
  void opsWithoutBatchKeyRunAloneInOrderAndOpsWithoutResourcesAreBarriers() {
    TestOp query = new TestOp("q", null, Set.of("msg"), null);
    TestOp barrier = new TestOp("b", "raw", Set.of(), null);
    assertThat(
            plan(
                op("p1", "pub", "msg", null),
                op("c1", "conn", "client", "a"),
                query,
                op("p2", "pub", "msg", null),
                barrier,
                op("c2", "conn", "client", "b")))
        .containsExactly("[p1]", "[q]", "[c1]", "[p2]", "[b]", "[c2]");
  }
}
