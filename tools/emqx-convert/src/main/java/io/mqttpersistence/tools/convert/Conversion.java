package io.mqttpersistence.tools.convert;

import java.util.List;

/**
 * What a set of EMQX configs became.
 *
 * @param bodies one connector per pool that has hooks, in the order the pools appear
 * @param ignored options accepted and dropped, each with why
 * @param problems what could not be carried over; a conversion with problems is not complete
 */
record Conversion(List<ConnectorBody> bodies, List<Problem> ignored, List<Problem> problems) {
  Conversion {
    bodies = List.copyOf(bodies);
    ignored = List.copyOf(ignored);
    problems = List.copyOf(problems);
  }
}
