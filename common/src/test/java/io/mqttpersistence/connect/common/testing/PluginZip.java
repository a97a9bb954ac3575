package io.mqttpersistence.connect.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** A connector's installable zip, as {@code mvn package} leaves it in the module's target/. */
public final class PluginZip {
  private final Path zip;

  private PluginZip(Path zip) {
    this.zip = zip;
  }

  /** The zip of the connector module the test runs in: target/mqttpersistence-<name>-*.zip. */
  public static PluginZip of(String connectorName) throws IOException {
    Path target = Path.of("target");
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> s =
        Files.newDirectoryStream(target, "mqttpersistence-" + connectorName + "-*.zip")) {
      s.forEach(found::add);
    }
    if (found.size() != 1) {
      throw new IllegalStateException(
          "expected one plugin zip in "
              + target.toAbsolutePath()
              + ", found "
              + found
              + " (run the package phase first)");
    }
    return new PluginZip(found.get(0));
  }

  public Path path() {
    return zip;
  }

  /** Every entry's name below the zip's top folder, sorted. */
  public List<String> entries() throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (!entry.isDirectory()) {
          names.add(entry.getName().substring(entry.getName().indexOf('/') + 1));
        }
      }
    }
    names.sort(null);
    return names;
  }

  /** The jar names in lib/, sorted. */
  public List<String> libJars() throws IOException {
    return entries().stream()
        .filter(n -> n.startsWith("lib/"))
        .map(n -> n.substring("lib/".length()))
        .toList();
  }

  /** Unpacks the zip into {@code pluginPath}, as a user installs it. */
  public void unpackInto(Path pluginPath) throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        Path out = pluginPath.resolve(entry.getName()).normalize();
        if (!out.startsWith(pluginPath)) {
          throw new IOException("zip entry outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          try (InputStream in = z.getInputStream(entry)) {
            Files.copy(in, out);
          }
        }
      }
    }
  }
}
