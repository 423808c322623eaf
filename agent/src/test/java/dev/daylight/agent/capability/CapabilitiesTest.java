package dev.daylight.agent.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.daylight.agent.fingerprint.Fingerprinter;
import dev.daylight.protocol.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixture packages built here, two per class (one shown by an SDK import or code, one by a declared
 * tool or another route) and several with no class; prints precision and recall per class.
 */
class CapabilitiesTest {
  @TempDir Path dir;

  record Fixture(String name, Set<String> expected, String file, String text) {}

  private static final String PY_TOOL =
      "from mcp.server.fastmcp import FastMCP\nmcp = FastMCP('x')\n\n@mcp.tool()\ndef %s(a: str) -> str:\n    %s\n";

  static final List<Fixture> FIXTURES =
      List.of(
          new Fixture(
              "mail-sdk",
              Set.of("email-send"),
              "index.js",
              "const nodemailer = require('nodemailer');\nconst t = nodemailer.createTransport({});\n"),
          new Fixture(
              "mail-tool",
              Set.of("email-send"),
              "server.js",
              "server.tool('send_email', 'Send an email', {}, async (a) => ({ content: [] }));\n"),
          new Fixture(
              "postmark-official",
              Set.of("email-send"),
              "index.js",
              "import { ServerClient } from 'postmark';\nserver.tool('sendEmail', 'Send', {}, async () => client.sendEmail({}));\n"),
          new Fixture(
              "slack-sdk",
              Set.of("messaging"),
              "index.js",
              "import { WebClient } from '@slack/web-api';\nconst web = new WebClient(token);\n"),
          new Fixture(
              "chat-tool",
              Set.of("messaging"),
              "server.py",
              PY_TOOL.formatted("post_message", "return a")),
          new Fixture(
              "browser",
              Set.of("http-fetch"),
              "index.js",
              "const puppeteer = require('puppeteer');\n"),
          new Fixture(
              "fetcher",
              Set.of("http-fetch"),
              "tools.js",
              "export const tools = [{ name: 'fetch_url', description: 'Fetch a page', inputSchema: { type: 'object' } }];\n"),
          new Fixture(
              "writer",
              Set.of("filesystem-write"),
              "index.js",
              "import fs from 'node:fs';\nexport const save = (p, d) => fs.writeFileSync(p, d);\n"),
          new Fixture(
              "py-writer",
              Set.of("filesystem-write"),
              "server.py",
              PY_TOOL.formatted("write_file", "return a")),
          new Fixture(
              "spawner",
              Set.of("shell-exec"),
              "index.js",
              "const { spawn } = require('child_process');\nexport const run = (c) => spawn(c, []);\n"),
          new Fixture(
              "py-shell",
              Set.of("shell-exec"),
              "server.py",
              "import subprocess\n\ndef run(cmd):\n    return subprocess.run(cmd, shell=True)\n"),
          new Fixture(
              "postgres",
              Set.of("database"),
              "index.js",
              "import pg from 'pg';\nconst pool = new pg.Pool();\n"),
          new Fixture(
              "py-postgres",
              Set.of("database"),
              "db.py",
              "import psycopg2\nconn = psycopg2.connect('')\n"),
          new Fixture(
              "aws",
              Set.of("cloud-admin"),
              "index.js",
              "import { S3Client } from '@aws-sdk/client-s3';\n"),
          new Fixture(
              "py-aws",
              Set.of("cloud-admin"),
              "cloud.py",
              "import boto3\ns3 = boto3.client('s3')\n"),
          new Fixture(
              "github",
              Set.of("source-control"),
              "index.js",
              "import { Octokit } from '@octokit/rest';\n"),
          new Fixture(
              "pr-tool",
              Set.of("source-control"),
              "server.js",
              "server.registerTool('create_pull_request', { description: 'Open a PR' }, async () => ({}));\n"),
          new Fixture(
              "stripe",
              Set.of("payments"),
              "index.js",
              "const stripe = require('stripe')(process.env.KEY);\n"),
          new Fixture(
              "refunds",
              Set.of("payments"),
              "server.py",
              PY_TOOL.formatted("create_refund", "return a")),
          new Fixture(
              "gcal",
              Set.of("calendar-docs"),
              "index.js",
              "import { google } from 'googleapis';\n"),
          new Fixture(
              "notion",
              Set.of("calendar-docs"),
              "index.js",
              "import { Client } from '@notionhq/client';\n"),
          new Fixture(
              "calculator",
              Set.of(),
              "server.js",
              "import { z } from 'zod';\nserver.tool('add_numbers', 'Add', { a: z.number() }, async ({ a }) => ({ content: [] }));\n"),
          new Fixture(
              "clock", Set.of(), "server.py", PY_TOOL.formatted("get_current_time", "return a")),
          new Fixture(
              "formatter",
              Set.of(),
              "index.js",
              "import prettier from 'prettier';\nexport const fmt = (s) => prettier.format(s, { parser: 'babel' });\n"),
          new Fixture(
              "json-helper",
              Set.of(),
              "index.js",
              "export function parse(s) {\n  return JSON.parse(s);\n}\n"));

  private List<Capability> classify(Fixture f) throws Exception {
    Path pkg = dir.resolve(f.name());
    Files.createDirectories(pkg);
    boolean py = f.file().endsWith(".py");
    Files.writeString(
        pkg.resolve(py ? "PKG-INFO" : "package.json"),
        py
            ? "Metadata-Version: 2.1\nName: " + f.name() + "\nVersion: 1.0.0\n"
            : "{\"name\": \"" + f.name() + "\", \"version\": \"1.0.0\"}");
    Files.writeString(pkg.resolve(f.file()), f.text());
    return Capabilities.of(new Fingerprinter().ofDirectory(pkg));
  }

  @Test
  void everyClassIsFoundOnItsFixturesAndNoneOnTheBenignOnesWithPrecisionAndRecallReported()
      throws Exception {
    Map<String, int[]> counts = new LinkedHashMap<>(); // tp, fp, fn
    Capabilities.classIds().forEach(c -> counts.put(c, new int[3]));
    List<String> misses = new ArrayList<>();
    for (Fixture f : FIXTURES) {
      List<Capability> caps = classify(f);
      Set<String> got =
          caps.stream().map(Capability::cls).collect(Collectors.toCollection(TreeSet::new));
      assertThat(caps)
          .allSatisfy(
              c -> {
                assertThat(c.evidence().file()).isEqualTo(f.file());
                assertThat(c.evidence().line()).isPositive();
              });
      for (String c : counts.keySet()) {
        boolean want = f.expected().contains(c);
        boolean have = got.contains(c);
        counts.get(c)[want && have ? 0 : have ? 1 : want ? 2 : 0] += (want || have) ? 1 : 0;
      }
      if (!got.equals(new TreeSet<>(f.expected()))) {
        misses.add(f.name() + ": expected " + f.expected() + ", got " + got);
      }
    }
    StringBuilder report =
        new StringBuilder(
            "capability class    precision  recall  (fixtures: " + FIXTURES.size() + ")\n");
    counts.forEach(
        (c, n) ->
            report.append(
                String.format(
                    "%-18s  %9.2f  %6.2f%n",
                    c,
                    n[0] + n[1] == 0 ? 1.0 : n[0] / (double) (n[0] + n[1]),
                    n[0] + n[2] == 0 ? 1.0 : n[0] / (double) (n[0] + n[2]))));
    System.out.print(report);
    assertThat(misses).as(report.toString()).isEmpty();
    counts.forEach(
        (c, n) -> assertThat(n[0]).as(c + " has at least two fixtures").isGreaterThanOrEqualTo(2));
  }

  @Test
  void evidenceNamesTheLineAndADeclaredToolByName() throws Exception {
    List<Capability> caps = classify(FIXTURES.get(1));
    assertThat(caps)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.cls()).isEqualTo("email-send");
              assertThat(c.evidence().line()).isEqualTo(1);
              assertThat(c.evidence().text()).isEqualTo("tool send_email");
            });
  }
}
