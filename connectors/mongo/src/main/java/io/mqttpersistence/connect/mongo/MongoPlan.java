package io.mqttpersistence.connect.mongo;

import io.mqttpersistence.connect.common.batch.OpList;

/** The ops of one batch, in event order; the event being planned stamps each op it adds. */
final class MongoPlan extends OpList<MongoOp> {}
