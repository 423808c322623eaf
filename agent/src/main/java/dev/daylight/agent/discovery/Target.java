package dev.daylight.agent.discovery;

import dev.daylight.agent.catalog.Catalog.ClientSpec;
import dev.daylight.agent.catalog.Catalog.FileSpec;
import dev.daylight.protocol.Scope;
import java.nio.file.Path;

/** One config file to read for one client, and the scope its servers have. */
record Target(ClientSpec client, FileSpec spec, Path path, Scope scope) {}
