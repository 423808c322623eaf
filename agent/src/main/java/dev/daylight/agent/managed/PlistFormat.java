package dev.daylight.agent.managed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The string values of a managed-preferences plist's top-level dict, keys lower-cased. macOS writes
 * managed preferences as binary plists; those are turned into XML by {@code plutil}, which every
 * Mac has, rather than by a parser of our own.
 */
final class PlistFormat {
  private static final byte[] BINARY_MAGIC =
      "bplist".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private PlistFormat() {}

  static Map<String, String> parse(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (startsWith(bytes, BINARY_MAGIC)) {
      bytes = toXml(file);
    }
    return parse(new ByteArrayInputStream(bytes));
  }

  static Map<String, String> parse(InputStream xml) throws IOException {
    Element root;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setExpandEntityReferences(false);
      f.setAttribute(
          "http://www.oracle.com/xml/jaxp/properties/maxElementDepth",
          dev.daylight.agent.json.Limits.MAX_DEPTH);
      root = f.newDocumentBuilder().parse(xml).getDocumentElement();
    } catch (Exception e) {
      throw new IOException(
          "not a property list (malformed or nested too deep)",
          null); // the parser's message may quote the file
    }
    Element dict = firstElement(root);
    if (!"plist".equals(root.getTagName()) || dict == null || !"dict".equals(dict.getTagName())) {
      throw new IOException("not a property list with a top-level dict");
    }
    Map<String, String> values = new LinkedHashMap<>();
    String key = null;
    for (Node n = dict.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      if ("key".equals(e.getTagName())) {
        key = e.getTextContent().strip().toLowerCase(Locale.ROOT);
      } else {
        if (key != null && "string".equals(e.getTagName())) {
          values.putIfAbsent(key, e.getTextContent().strip());
        }
        key = null;
      }
    }
    return values;
  }

  private static byte[] toXml(Path file) throws IOException {
    Process p =
        new ProcessBuilder("/usr/bin/plutil", "-convert", "xml1", "-o", "-", file.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("plutil could not convert the binary plist");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted converting the binary plist", e);
    }
    return out;
  }

  private static Element firstElement(Element parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
