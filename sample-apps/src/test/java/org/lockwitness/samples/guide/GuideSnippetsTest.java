package org.lockwitness.samples.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/GUIDE.md} against the code: every Java block is a marked snippet equal to its source
 * region, every config block equals its resource, every signature listed is a public member of the
 * model with those types and parameter names, and every report quoted belongs to a run the
 * integration test makes.
 */
class GuideSnippetsTest {

    private static final String MODEL = "org.lockwitness.kernel.";

    @Test
    void every_java_block_is_a_snippet_equal_to_its_source_region() throws IOException {
        int checked = 0;
        for (GuideDoc.Block b : GuideDoc.blocks()) {
            if (b.language().equals("java")) {
                assertEquals("snippet", b.kind(), "GUIDE.md:" + b.line() + ": a java block without a snippet marker");
            }
            if (b.kind().equals("snippet")) {
                assertEquals(GuideDoc.source(b.argument()), b.lines(),
                        "GUIDE.md:" + b.line() + " differs from " + b.argument());
                checked++;
            }
        }
        assertTrue(checked >= 19, "snippets checked: " + checked);
    }

    @Test
    void every_example_class_is_quoted_in_the_guide() throws IOException {
        Set<String> quoted = new TreeSet<>();
        for (GuideDoc.Block b : GuideDoc.blocks("snippet")) {
            String file = b.argument().replaceAll("#.*", "");
            if (file.endsWith(".java")) {
                quoted.add(file.substring("guide/".length(), file.length() - ".java".length()));
            }
        }
        Set<String> examples = new TreeSet<>();
        GuideExamples.RUNS.forEach(r -> examples.add(r.example()));
        assertEquals(examples, quoted);
    }

    @Test
    void region_extraction_rejects_a_missing_region() {
        assertThrows(IllegalStateException.class, () -> GuideDoc.source("guide/SxAndRw.java#nosuchregion"));
    }

    @Test
    void every_quoted_report_names_a_run_and_every_finding_run_is_quoted() throws IOException {
        Set<String> quoted = new TreeSet<>();
        for (GuideDoc.Block b : GuideDoc.blocks()) {
            if (b.kind().equals("report") || b.kind().equals("stdout")) {
                GuideExamples.Run r = GuideExamples.named(b.argument());
                assertFalse(b.lines().isEmpty(), b.argument());
                if (b.kind().equals("report")) {
                    assertFalse(r.rules().isEmpty(), b.argument() + " reports nothing to quote");
                    for (String rule : r.rules()) {
                        assertTrue(b.lines().stream().anyMatch(l -> l.startsWith("# " + rule + " ")),
                                b.argument() + " quotes no " + rule + " finding");
                    }
                    quoted.add(b.argument());
                }
            }
        }
        Set<String> withFindings = new TreeSet<>();
        GuideExamples.RUNS.stream().filter(r -> !r.rules().isEmpty()).forEach(r -> withFindings.add(r.id()));
        assertEquals(withFindings, quoted);
    }

    @Test
    void every_listed_signature_is_the_models() throws IOException {
        int checked = 0;
        for (GuideDoc.Block b : GuideDoc.blocks("api")) {
            for (String line : b.lines()) {
                String code = line.replaceAll("//.*", "").trim();
                for (String item : code.split(";")) {
                    if (!item.isBlank()) {
                        String why = check(item.trim());
                        if (why != null) {
                            fail("GUIDE.md:" + b.line() + ": " + item.trim() + ": " + why);
                        }
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 100, "signatures checked: " + checked);
    }

    @Test
    void the_signature_check_catches_a_wrong_one() {
        assertEquals(null, check("void Mtx.lock()"));
        assertFalse(check("void Mtx.lock(int how)") == null);
        assertFalse(check("int Mtx.lock()") == null);
        assertFalse(check("static void Mtx.lock()") == null);
        assertFalse(check("new Mtx(String lockName, int opts)") == null);
        assertFalse(check("void InterruptSource.addFilter(Filter filter)") == null);
        assertFalse(check("long InterruptSource.INTR_MPSAFE") == null);
        assertFalse(check("@Requires(int value)") == null);
    }

    private static final Pattern ANNOTATION = Pattern.compile("@(\\w+)(?:\\((\\w+) (\\w+)\\))?");
    private static final Pattern CONSTRUCTOR = Pattern.compile("new ([\\w.]+)(?:<[^(]*>)?\\((.*)\\)");
    private static final Pattern METHOD = Pattern.compile("(static )?(\\S+) ([\\w.]+)\\.(\\w+)\\((.*)\\)");
    private static final Pattern FIELD = Pattern.compile("(\\S+) ([\\w.]+)\\.(\\w+)");

    /** @return null when {@code signature} is a public member of the model, else why not */
    private static String check(String signature) {
        try {
            Matcher m;
            if ((m = ANNOTATION.matcher(signature)).matches()) {
                Class<?> c = type(m.group(1));
                if (!c.isAnnotation()) {
                    return "not an annotation";
                }
                if (m.group(2) == null) {
                    return c.getDeclaredMethods().length == 0 ? null : "it has elements";
                }
                Method e = c.getMethod(m.group(3));
                return simple(e.getGenericReturnType()).equals(m.group(2)) ? null : "element type " + e;
            }
            if ((m = CONSTRUCTOR.matcher(signature)).matches()) {
                Class<?> c = type(m.group(1));
                List<String> params = params(m.group(2));
                return Stream.of(c.getConstructors()).anyMatch(k -> sameParams(k, params)) ? null
                        : "no such constructor in " + Arrays.toString(c.getConstructors());
            }
            if ((m = METHOD.matcher(signature)).matches()) {
                Class<?> c = type(m.group(3));
                List<String> params = params(m.group(5));
                boolean isStatic = m.group(1) != null;
                for (Method x : c.getMethods()) {
                    if (x.getName().equals(m.group(4)) && sameParams(x, params)) {
                        if (Modifier.isStatic(x.getModifiers()) != isStatic) {
                            return "static is " + Modifier.isStatic(x.getModifiers());
                        }
                        String ret = simple(x.getGenericReturnType());
                        return ret.equals(m.group(2)) ? null : "returns " + ret;
                    }
                }
                return "no such method";
            }
            if ((m = FIELD.matcher(signature)).matches()) {
                Field f = type(m.group(2)).getField(m.group(3));
                if (!Modifier.isStatic(f.getModifiers())) {
                    return "not static";
                }
                String t = simple(f.getGenericType());
                return t.equals(m.group(1)) ? null : "its type is " + t;
            }
            return "unreadable signature";
        } catch (ReflectiveOperationException e) {
            return e.toString();
        }
    }

    private static Class<?> type(String dotted) throws ClassNotFoundException {
        String binary = dotted.replace('.', '$');
        for (String pkg : List.of(MODEL, MODEL + "probe.")) {
            try {
                return Class.forName(pkg + binary);
            } catch (ClassNotFoundException e) {
                // try the next package
            }
        }
        throw new ClassNotFoundException(dotted);
    }

    /** {@code "Type name, Type name"} at generic depth 0, as {@code ["Type name", ...]}. */
    private static List<String> params(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!list.isBlank()) {
            out.add(list.substring(start).trim());
        }
        return out;
    }

    private static boolean sameParams(Executable x, List<String> params) {
        Parameter[] ps = x.getParameters();
        if (ps.length != params.size()) {
            return false;
        }
        for (int i = 0; i < ps.length; i++) {
            String expected = simple(ps[i].getParameterizedType()) + " " + ps[i].getName();
            if (!ps[i].isNamePresent() || !expected.equals(params.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code java.util.List<org.lockwitness.kernel.RunResult$ThreadReport>} as {@code List<RunResult.ThreadReport>}. */
    static String simple(Type t) {
        return t.getTypeName().replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+", "").replace('$', '.');
    }


    @Test
    void the_guide_exists_where_the_tests_look() {
        assertTrue(Files.isRegularFile(GuideDoc.guide()), GuideDoc.guide().toString());
    }
}
