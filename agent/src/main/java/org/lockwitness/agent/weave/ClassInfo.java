package org.lockwitness.agent.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What the weaving needs to know of a class, read from its class file without its code: its name,
 * superclass, access, source file, and the annotations (with their explicit values) of the class,
 * of each declared method and of each declared field, and each annotation method's default value.
 * Only the annotations of the model's probe package are kept, as nothing else decides the weaving.
 *
 * <p>Thread-safety: immutable once {@link #read} returns.
 */
final class ClassInfo {

    /** A declared method: its access, name, descriptor, probe annotations and annotation default. */
    static final class Method {
        final int access;
        final String name;
        final String descriptor;
        final Map<String, Map<String, Object>> annotations = new LinkedHashMap<>();
        Object defaultValue;

        Method(int access, String name, String descriptor) {
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
        }

        boolean isStatic() {
            return (access & Opcodes.ACC_STATIC) != 0;
        }

        boolean isPublic() {
            return (access & Opcodes.ACC_PUBLIC) != 0;
        }

        boolean isConstructor() {
            return name.equals("<init>");
        }

        boolean has(String annotation) {
            return annotations.containsKey(annotation);
        }

        /** @return the method's parameter types */
        Type[] parameters() {
            return Type.getArgumentTypes(descriptor);
        }
    }

    final String name;
    final String superName;
    final int access;
    final String sourceFile;
    final Map<String, Map<String, Object>> annotations;
    final List<Method> methods;
    final Map<String, Map<String, Map<String, Object>>> fields;

    private ClassInfo(Reader r) {
        this.name = r.name;
        this.superName = r.superName;
        this.access = r.access;
        this.sourceFile = r.sourceFile;
        this.annotations = r.annotations;
        this.methods = r.methods;
        this.fields = r.fields;
    }

    /**
     * @param bytes a class file
     * @return its shape
     * @throws IllegalArgumentException if the bytes are not a class file ASM can read
     */
    static ClassInfo read(byte[] bytes) {
        Reader r = new Reader();
        new ClassReader(bytes).accept(r, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
        return new ClassInfo(r);
    }

    /** @return the binary name ({@code a.b.C}) */
    String binaryName() {
        return name.replace('/', '.');
    }

    /** @return the simple name, after the last {@code /} and {@code $} */
    String simpleName() {
        String s = name.substring(name.lastIndexOf('/') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    boolean has(String annotation) {
        return annotations.containsKey(annotation);
    }

    boolean isSynthetic() {
        return (access & Opcodes.ACC_SYNTHETIC) != 0;
    }

    /** @return the declared method of that name and descriptor, or null */
    Method method(String methodName, String descriptor) {
        for (Method m : methods) {
            if (m.name.equals(methodName) && m.descriptor.equals(descriptor)) {
                return m;
            }
        }
        return null;
    }

    /** The class visitor that collects a {@link ClassInfo}. */
    private static final class Reader extends ClassVisitor {
        String name;
        String superName;
        int access;
        String sourceFile;
        final Map<String, Map<String, Object>> annotations = new LinkedHashMap<>();
        final List<Method> methods = new ArrayList<>();
        final Map<String, Map<String, Map<String, Object>>> fields = new HashMap<>();

        Reader() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int classAccess, String className, String signature, String superClass,
                String[] interfaces) {
            this.name = className;
            this.superName = superClass;
            this.access = classAccess;
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return values(annotations, descriptor);
        }

        @Override
        public FieldVisitor visitField(int fieldAccess, String fieldName, String descriptor, String signature,
                Object value) {
            Map<String, Map<String, Object>> own = new LinkedHashMap<>();
            fields.put(fieldName, own);
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return values(own, annotation);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int methodAccess, String methodName, String descriptor, String signature,
                String[] exceptions) {
            Method m = new Method(methodAccess, methodName, descriptor);
            methods.add(m);
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return values(m.annotations, annotation);
                }

                @Override
                public AnnotationVisitor visitAnnotationDefault() {
                    return new AnnotationVisitor(Opcodes.ASM9) {
                        @Override
                        public void visit(String ignored, Object value) {
                            m.defaultValue = value;
                        }
                    };
                }
            };
        }

        /** Records the simple values of a probe-package annotation; any other annotation is skipped. */
        private static AnnotationVisitor values(Map<String, Map<String, Object>> into, String descriptor) {
            String type = Type.getType(descriptor).getClassName();
            if (!type.startsWith(ProbeAdvisor.PROBE_PACKAGE)) {
                return null;
            }
            Map<String, Object> values = new HashMap<>();
            into.put(type, values);
            return new AnnotationVisitor(Opcodes.ASM9) {
                @Override
                public void visit(String key, Object value) {
                    values.put(key, value);
                }
            };
        }
    }
}
