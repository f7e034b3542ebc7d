package io.perfweave.agent.profile;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlameGraphSvgTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    /** Each box's title (frame and samples) to its rect's width. */
    private static Map<String, Double> boxes(Document svg) {
        Map<String, Double> widths = new HashMap<>();
        NodeList groups = svg.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            String title = group.getElementsByTagName("title").item(0).getTextContent();
            Element rect = (Element) group.getElementsByTagName("rect").item(0);
            widths.put(title.substring(0, title.indexOf(" (")), Double.parseDouble(rect.getAttribute("width")));
        }
        return widths;
    }

    @Test
    void aFlameGraphIsWellFormedSvgWithBoxesSizedBySamples() throws Exception {
        ProfileSnapshot profile = new ProfileSnapshot("spin", 100, List.of(
                new CollapsedStack(List.of("a.App.run", "a.App.spin"), 75),
                new CollapsedStack(List.of("a.App.run", "a.App.rest"), 25)));
        String svg = FlameGraphSvg.render(profile);
        Document document = parse(svg);
        assertEquals("svg", document.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", document.getDocumentElement().getNamespaceURI());
        assertEquals(0, document.getElementsByTagName("script").getLength());
        assertFalse(svg.contains("href"), "nothing external");
        Map<String, Double> widths = boxes(document);
        assertEquals(Map.of("all", widths.get("all"), "a.App.run", widths.get("a.App.run"),
                "a.App.spin", widths.get("a.App.spin"), "a.App.rest", widths.get("a.App.rest")), widths);
        assertEquals(widths.get("all"), widths.get("a.App.run"), 0.01);
        assertEquals(3.0, (widths.get("a.App.spin") + 0.5) / (widths.get("a.App.rest") + 0.5), 0.05);
        assertTrue(svg.contains("a.App.spin (75 samples, 75.0 %)"), svg);
    }

    @Test
    void namesThatXmlGivesAMeaningAreEscaped() throws Exception {
        ProfileSnapshot profile = new ProfileSnapshot("say \"hi\" & <bye>", 1, List.of(
                new CollapsedStack(List.of("a.Gen<T>.m&n", "a.B.'quoted'\u0001"), 1)));
        Document document = parse(FlameGraphSvg.render(profile));
        assertTrue(boxes(document).containsKey("a.Gen<T>.m&n"));
        assertTrue(document.getDocumentElement().getTextContent().contains("say \"hi\" & <bye>"));
    }

    @Test
    void anEmptyProfileIsADrawingThatSaysSo() throws Exception {
        Document document = parse(FlameGraphSvg.render(new ProfileSnapshot("idle", 0, List.of())));
        assertEquals(0, document.getElementsByTagName("g").getLength());
        assertTrue(document.getDocumentElement().getTextContent().contains("0 samples"));
    }

    @Test
    void boxesTooNarrowToSeeAreLeftOut() throws Exception {
        List<CollapsedStack> stacks = new java.util.ArrayList<>();
        stacks.add(new CollapsedStack(List.of("a.App.run", "a.App.hot"), 1_000_000));
        for (int i = 0; i < 5000; i++) {
            stacks.add(new CollapsedStack(List.of("a.App.run", "a.Cold.c" + i), 1));
        }
        Document document = parse(FlameGraphSvg.render(new ProfileSnapshot("op", 1_005_000, stacks)));
        assertEquals(3, document.getElementsByTagName("g").getLength());
    }
}
