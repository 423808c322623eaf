package dev.daylight.agent.discovery;

import dev.daylight.agent.json.Limits;
import dev.daylight.protocol.Transport;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * JetBrains AI Assistant keeps servers in IDE XML ({@code llm.mcpServers.xml}, component {@code
 * McpApplicationServerCommands}; {@code .idea/workspace.xml}, {@code McpProjectServerCommands}).
 * Versions differ ({@code McpServerCommand} with {@code programPath}/{@code arguments}/{@code
 * envs}, {@code McpServerConfigurationProperties} with {@code command}/{@code args} list/{@code
 * env} map), so any element inside an {@code Mcp*} component with a {@code name} option and a
 * command or URL option is a server. The JDK parser runs with DTDs and external entities off.
 */
final class JetBrainsXml {
  private static final String MAX_DEPTH_PROPERTY =
      "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

  private JetBrainsXml() {}

  /** A server as read: name, raw fields and the line of its name option. */
  record Found(String name, ServerBuilder.Raw raw, Integer line) {}

  static List<Found> read(String text) throws IOException {
    org.w3c.dom.Document dom = parse(text);
    List<Found> out = new ArrayList<>();
    NodeList components = dom.getElementsByTagName("component");
    for (int i = 0; i < components.getLength(); i++) {
      Element c = (Element) components.item(i);
      if (c.getAttribute("name").startsWith("Mcp")) {
        collect(c, text, out);
      }
    }
    return out;
  }

  private static void collect(Element parent, String text, List<Found> out) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element e)) {
        continue;
      }
      Map<String, Element> options = options(e);
      String name = value(options.get("name"));
      String command = first(value(options.get("command")), value(options.get("programPath")));
      String url = first(value(options.get("url")), value(options.get("serverUrl")));
      if (name != null && (command != null || url != null)) {
        out.add(new Found(name, raw(e, options, command, url), lineOf(text, name)));
      } else {
        collect(e, text, out);
      }
    }
  }

  private static ServerBuilder.Raw raw(
      Element e, Map<String, Element> options, String command, String url) {
    List<String> args = new ArrayList<>();
    String arguments = value(options.get("arguments"));
    if (arguments != null) {
      args.addAll(LaunchLine.words(arguments));
    }
    if (options.get("args") != null) {
      for (Element o : descendants(options.get("args"), "option")) {
        args.add(o.getAttribute("value"));
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Element envs : children(e, "envs")) {
      for (Element v : descendants(envs, "env")) {
        env.put(v.getAttribute("name"), v.getAttribute("value"));
      }
    }
    entries(options.get("env"), env);
    entries(options.get("envs"), env);
    Map<String, String> headers = new LinkedHashMap<>();
    entries(options.get("headers"), headers);
    boolean enabled = !"false".equalsIgnoreCase(value(options.get("enabled")));
    Transport transport =
        command != null
            ? Transport.STDIO
            : "sse".equalsIgnoreCase(value(options.get("transport")))
                ? Transport.SSE
                : Transport.HTTP;
    return new ServerBuilder.Raw(
        command, args, env, List.of(), headers, List.of(), url, transport, enabled);
  }

  private static void entries(Element option, Map<String, String> into) {
    if (option != null) {
      for (Element entry : descendants(option, "entry")) {
        into.put(entry.getAttribute("key"), entry.getAttribute("value"));
      }
    }
  }

  private static Map<String, Element> options(Element e) {
    Map<String, Element> out = new LinkedHashMap<>();
    for (Element o : children(e, "option")) {
      out.putIfAbsent(o.getAttribute("name"), o);
    }
    return out;
  }

  private static List<Element> children(Element e, String tag) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(tag)) {
        out.add(c);
      }
    }
    return out;
  }

  private static List<Element> descendants(Element e, String tag) {
    List<Element> out = new ArrayList<>();
    NodeList list = e.getElementsByTagName(tag);
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  private static String value(Element option) {
    if (option == null || !option.hasAttribute("value")) {
      return null;
    }
    String v = option.getAttribute("value");
    return v.isBlank() ? null : v;
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  /** DOM keeps no lines; the name option's text does. */
  private static Integer lineOf(String text, String name) {
    String needle =
        "value=\"" + name.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;") + "\"";
    int at = text.indexOf(needle);
    if (at < 0) {
      return null;
    }
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static org.w3c.dom.Document parse(String text) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      // The JDK parser's own depth cap: a workspace file nested thousands deep fails as one error.
      f.setAttribute(MAX_DEPTH_PROPERTY, Limits.MAX_DEPTH);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(
          new org.xml.sax.helpers.DefaultHandler()); // throws on fatal, prints nothing
      return b.parse(new InputSource(new StringReader(text)));
    } catch (SAXException e) {
      if (String.valueOf(e.getMessage()).contains("maxElementDepth")) {
        throw new IOException(
            "XML nested deeper than " + Limits.MAX_DEPTH + " levels, not read", null);
      }
      throw new IOException(
          e instanceof org.xml.sax.SAXParseException p
              ? "malformed XML at line " + p.getLineNumber() + ", column " + p.getColumnNumber()
              : "malformed XML",
          null);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
