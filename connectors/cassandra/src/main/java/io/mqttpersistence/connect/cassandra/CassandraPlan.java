package io.mqttpersistence.connect.cassandra;

import io.mqttpersistence.connect.common.batch.OpList;

/** The ops of one batch, in event order; the event being planned stamps each op it adds. */
final class CassandraPlan extends OpList<CassandraOp> {}
