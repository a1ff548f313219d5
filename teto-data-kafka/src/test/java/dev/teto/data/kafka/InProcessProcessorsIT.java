package dev.teto.data.kafka;

import dev.teto.data.api.spi.EventStream;
import dev.teto.data.api.spi.OutboxLog;
import dev.teto.data.core.DispatcherOptions;
import dev.teto.data.core.TetoData;
import dev.teto.data.core.internal.processing.InProcessEventStream;

/** The same processors without Kafka: each reads the outbox as a log; dead letters are the outbox's parked events. */
class InProcessProcessorsIT extends ProcessorsContract {

    @Override
    protected TetoData open() {
        return TetoData.builder().configure(db.settings()).profileScorer(Takers.scorer())
                .dispatcher(DispatcherOptions.builder().enabled(false).build()).build();
    }

    @Override
    protected String expectedTransport() {
        return "in-process";
    }

    @Override
    protected EventStream stream(TetoData data) {
        return new InProcessEventStream(data.get(OutboxLog.class), OPTIONS);
    }
}
