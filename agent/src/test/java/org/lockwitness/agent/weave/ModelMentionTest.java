package org.lockwitness.agent.weave;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ModelMentionTest {

    @Test
    void aClassThatCallsTheModel_mentionsIt() throws IOException {
        assertTrue(ClassFilter.mentionsModel(bytes("org/lockwitness/testprograms/Abba.class")));
    }

    @Test
    void aClassThatDoesNot_isSkipped() throws IOException {
        assertFalse(ClassFilter.mentionsModel(bytes("org/lockwitness/testprograms/Hello.class")));
        assertFalse(ClassFilter.mentionsModel(new byte[0]));
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = ModelMentionTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
