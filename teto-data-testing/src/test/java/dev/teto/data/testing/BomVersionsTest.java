package dev.teto.data.testing;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BOM has no parent (a host importing it must not inherit our build), so it repeats the versions of the
 * third-party BOMs the root pom builds and tests with. This keeps the copies equal.
 */
class BomVersionsTest {
    private static final Map<String, String> IMPORTED_BY_PROPERTY = Map.of(
            "jackson-bom", "jackson.version", "log4j-bom", "log4j.version", "junit-bom", "junit.version");

    @Test
    void theBomImportsTheVersionsTheBuildUses() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(root.resolve("teto-data-bom/pom.xml")), "run from a module of the repository");
        Document rootPom = parse(root.resolve("pom.xml"));
        Document bom = parse(root.resolve("teto-data-bom/pom.xml"));
        for (Map.Entry<String, String> e : IMPORTED_BY_PROPERTY.entrySet()) {
            String built = rootPom.getElementsByTagName(e.getValue()).item(0).getTextContent().trim();
            assertEquals(built, importedVersion(bom, e.getKey()), e.getKey() + " in teto-data-bom/pom.xml");
        }
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static String importedVersion(Document bom, String artifactId) {
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            if (artifactId.equals(d.getElementsByTagName("artifactId").item(0).getTextContent().trim())) {
                return d.getElementsByTagName("version").item(0).getTextContent().trim();
            }
        }
        return "(not imported)";
    }
}
