package org.lockwitness.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Turns the sites ({@code File.java:line}) and stack frames ({@code pkg.Class.method(File.java:line)}) of
 * findings into SARIF locations that resolve in the repository: the frame gives the package, so
 * {@code org.example.Foo.bar(Foo.java:12)} is looked up as {@code org/example/Foo.java} under each source
 * root, and the file found is written relative to {@code %SRCROOT%}, the directory the tool runs in. A site
 * with no frame of its file is looked up by file name alone, if the roots hold exactly one file of that name.
 * When no file is found the location is logical: the frame's fully qualified method. Not thread-safe (it
 * caches what it found).
 */
final class SourceMap {
    static final String SRCROOT = "SRCROOT";
    private static final Pattern FRAME = Pattern.compile("^(.+)\\.([^.(]+)\\(([^():]*)(?::(\\d+))?\\)$");
    private static final Pattern SITE = Pattern.compile("^(.+):(\\d+)$");

    private final List<Path> roots;
    private final Path base;
    private final Map<String, String> found = new HashMap<>();
    private Map<String, List<Path>> byName;

    /**
     * @param roots the source roots, e.g. {@code src/main/java}
     * @param base the directory that {@code %SRCROOT%} names
     */
    SourceMap(List<Path> roots, Path base) {
        this.roots = List.copyOf(roots);
        this.base = base.toAbsolutePath().normalize();
    }

    /**
     * The roots that {@code --source-root} values name: a value that names a directory is one root, whatever
     * characters it holds (a comma too); any other value is a list, split at {@link File#pathSeparator} and at
     * commas (the option's first form, {@code src/main/java,src/test/java}).
     */
    static List<Path> roots(List<String> values) {
        List<Path> roots = new ArrayList<>();
        for (String value : values) {
            if (isDirectory(value)) {
                roots.add(Path.of(value));
                continue;
            }
            for (String part : value.split(Pattern.quote(File.pathSeparator) + "|,")) {
                if (!part.isEmpty()) {
                    roots.add(Path.of(part));
                }
            }
        }
        return roots;
    }

    private static boolean isDirectory(String value) {
        try {
            return !value.isEmpty() && Files.isDirectory(Path.of(value));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** {@code originalUriBaseIds}: what {@code %SRCROOT%} is. */
    JsonObject baseIds() {
        JsonObject srcroot = new JsonObject();
        String uri = base.toUri().toString();
        srcroot.addProperty("uri", uri.endsWith("/") ? uri : uri + "/");
        JsonObject ids = new JsonObject();
        ids.add(SRCROOT, srcroot);
        return ids;
    }

    /** The location of a site, its package taken from the frame of the same file in {@code frames}. */
    JsonObject site(String site, List<String> frames) {
        Matcher s = SITE.matcher(site);
        String file = s.matches() ? s.group(1) : site;
        int line = s.matches() ? Integer.parseInt(s.group(2)) : 0;
        Matcher best = null;
        for (String frame : frames) {
            Matcher f = FRAME.matcher(frame);
            if (f.matches() && f.group(3).equals(file)) {
                if (best == null || String.valueOf(line).equals(f.group(4))) {
                    best = f;
                }
            }
        }
        if (best == null) {
            return located(byName(file), line, null, site);
        }
        return located(find(packageOf(best.group(1)), file), line, best.group(1) + "." + best.group(2), site);
    }

    /** The location of one stack frame. */
    JsonObject frame(String frame) {
        Matcher f = FRAME.matcher(frame);
        if (!f.matches()) {
            return located(null, 0, null, frame);
        }
        int line = f.group(4) == null ? 0 : Integer.parseInt(f.group(4));
        return located(find(packageOf(f.group(1)), f.group(3)), line, f.group(1) + "." + f.group(2), frame);
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/";
    }

    /** The file's URI relative to the base (absolute when outside it), or empty when no root has it. */
    private String find(String packagePath, String file) {
        return found.computeIfAbsent(packagePath + file, r -> {
            for (Path root : roots) {
                Path candidate = root.resolve(r);
                if (Files.isRegularFile(candidate)) {
                    return uri(candidate);
                }
            }
            return "";
        });
    }

    /** The URI of the one file of this name under the roots, or empty when there is none or more than one. */
    private String byName(String file) {
        if (byName == null) {
            byName = new HashMap<>();
            for (Path root : roots.stream().filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile).forEach(f -> byName.computeIfAbsent(
                            String.valueOf(f.getFileName()), n -> new ArrayList<>()).add(f));
                } catch (IOException | UncheckedIOException e) {
                    throw new InfrastructureException("cannot list the source root " + root, e);
                }
            }
        }
        List<Path> files = byName.getOrDefault(file, List.of());
        return files.size() == 1 ? uri(files.get(0)) : "";
    }

    private String uri(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString().replace('\\', '/')
                : absolute.toUri().toString();
    }

    private static JsonObject located(String uri, int line, String method, String text) {
        JsonObject location = new JsonObject();
        if (uri != null && !uri.isEmpty()) {
            JsonObject artifact = new JsonObject();
            artifact.addProperty("uri", uri);
            if (!uri.startsWith("file:")) {
                artifact.addProperty("uriBaseId", SRCROOT);
            }
            JsonObject physical = new JsonObject();
            physical.add("artifactLocation", artifact);
            if (line > 0) {
                JsonObject region = new JsonObject();
                region.addProperty("startLine", line);
                physical.add("region", region);
            }
            location.add("physicalLocation", physical);
        }
        if (method != null || location.size() == 0) {
            JsonObject logical = new JsonObject();
            logical.addProperty("fullyQualifiedName", method != null ? method : text);
            logical.addProperty("kind", method != null ? "function" : "resource");
            JsonArray logicals = new JsonArray();
            logicals.add(logical);
            location.add("logicalLocations", logicals);
        }
        return location;
    }
}
