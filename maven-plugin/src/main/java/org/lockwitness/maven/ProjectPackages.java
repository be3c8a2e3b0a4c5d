package org.lockwitness.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The project's own packages, as the agent's {@code javaInclude=} globs: every package that has a source file
 * in one of the project's source roots (main and test), the nested ones folded into their outermost
 * ({@code com.example.*} covers {@code com.example.sub}). At {@code initialize} nothing is compiled yet, so
 * the sources are what there is to go by. Stateless.
 */
final class ProjectPackages {
    private static final List<String> SOURCES = List.of(".java", ".kt", ".groovy", ".scala");

    private ProjectPackages() {
    }

    /**
     * The globs, joined by {@code +} as the agent takes them.
     *
     * @param sourceRoots the project's source roots; those that do not exist are skipped
     * @return the globs, or null when a source file sits in the default package (no glob names it without
     *         naming everything) or there is no source at all: then the agent's own default applies
     */
    static String javaInclude(List<Path> sourceRoots) {
        TreeSet<String> packages = new TreeSet<>();
        for (Path root : sourceRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(ProjectPackages::isSource)::iterator) {
                    Path dir = root.relativize(f).getParent();
                    if (dir == null) {
                        return null;
                    }
                    packages.add(dir.toString().replace(f.getFileSystem().getSeparator(), "."));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        List<String> outermost = new ArrayList<>();
        for (String p : packages) {
            // sorted: an enclosing package comes before the packages it encloses
            if (outermost.isEmpty() || !p.startsWith(outermost.get(outermost.size() - 1) + ".")) {
                outermost.add(p);
            }
        }
        return outermost.isEmpty() ? null : String.join("+", outermost.stream().map(p -> p + ".*").toList());
    }

    private static boolean isSource(Path f) {
        String name = f.getFileName().toString();
        return Files.isRegularFile(f) && !name.equals("package-info.java") && !name.equals("module-info.java")
                && SOURCES.stream().anyMatch(name::endsWith);
    }
}
