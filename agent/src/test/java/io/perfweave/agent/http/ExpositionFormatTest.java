package io.perfweave.agent.http;

import org.junit.jupiter.api.Test;

import static io.perfweave.agent.http.ExpositionFormat.OPENMETRICS;
import static io.perfweave.agent.http.ExpositionFormat.PROMETHEUS_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExpositionFormatTest {
    @Test
    void jsonUnlessTheClientAsksForText() throws Exception {
        assertNull(ExpositionFormat.choose(null, null));
        assertNull(ExpositionFormat.choose(null, "*/*"));
        assertNull(ExpositionFormat.choose(null, "application/json"));
        // a browser
        assertNull(ExpositionFormat.choose(null,
                "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"));
        assertNull(ExpositionFormat.choose(null, "application/json, text/plain"));
    }

    @Test
    void textPlainAndOpenMetricsAreChosenByQualityAndSpecificity() throws Exception {
        assertEquals(PROMETHEUS_TEXT, ExpositionFormat.choose(null, "text/plain"));
        assertEquals(PROMETHEUS_TEXT, ExpositionFormat.choose(null, "text/plain;version=0.0.4;q=1,*/*;q=0.1"));
        assertEquals(PROMETHEUS_TEXT, ExpositionFormat.choose(null, "text/plain, */*"));
        assertEquals(OPENMETRICS, ExpositionFormat.choose(null, "application/openmetrics-text"));
        // what Prometheus 2.x sends when it scrapes
        assertEquals(OPENMETRICS, ExpositionFormat.choose(null, "application/openmetrics-text;version=1.0.0,"
                + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
        assertEquals(PROMETHEUS_TEXT, ExpositionFormat.choose(null, "application/openmetrics-text;q=0.2, text/plain;q=0.7"));
        assertNull(ExpositionFormat.choose(null, "text/plain;q=0, application/json"));
        assertNull(ExpositionFormat.choose(null, "application/json;q=0.9, text/plain;q=0.5"));
    }

    @Test
    void theFormatParameterWins() throws Exception {
        assertEquals(PROMETHEUS_TEXT, ExpositionFormat.choose("prometheus", "application/json"));
        assertEquals(OPENMETRICS, ExpositionFormat.choose("openmetrics", null));
        assertNull(ExpositionFormat.choose("json", "text/plain"));
        assertThrows(ExpositionFormat.UnknownFormat.class, () -> ExpositionFormat.choose("xml", null));
    }
}
