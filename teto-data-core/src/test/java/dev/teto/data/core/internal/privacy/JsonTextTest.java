package dev.teto.data.core.internal.privacy;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTextTest {

    @Test
    void writesNestedValuesWithEscapes() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "Ji \"Min\"\n\u0001");
        doc.put("n", 3);
        doc.put("ok", true);
        doc.put("none", null);
        doc.put("list", List.of(1, Map.of()));
        doc.put("empty", List.of());
        assertEquals("{\n  \"name\": \"Ji \\\"Min\\\"\\n\\u0001\",\n  \"n\": 3,\n  \"ok\": true,\n  \"none\": null,\n"
                + "  \"list\": [\n    1,\n    {}\n  ],\n  \"empty\": []\n}\n", JsonText.write(doc));
    }
}
