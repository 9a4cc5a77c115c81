package org.virtxml.schema.build;

import com.thaiopensource.relaxng.translate.Driver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.virtxml.schema.SchemaKind;
import org.virtxml.schema.Schemas;

/**
 * Build step: translates every RELAX NG compact schema in the source folder to XML syntax with trang, then
 * compiles each kind's schema with Jing so that a broken schema fails the build.
 */
public final class SchemaCompiler {
    private SchemaCompiler() {
    }

    /** Arguments: source folder of {@code .rnc} files, output folder for {@code .rng} files. */
    public static void main(String[] args) throws IOException {
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        // start clean so a schema file that was renamed or removed does not linger in the jar
        try (var old = Files.newDirectoryStream(out, "*.rng")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        // only the top-level schema of each kind is translated; trang writes the files it includes beside it
        for (SchemaKind k : SchemaKind.values()) {
            Path in = src.resolve(k.kindName() + ".rnc");
            if (!Files.exists(in)) {
                continue;
            }
            Path target = out.resolve(k.kindName() + ".rng");
            int rc = new Driver().run(new String[] {"-I", "rnc", "-O", "rng", in.toString(), target.toString()});
            if (rc != 0) {
                throw new IllegalStateException("trang failed on " + in);
            }
        }
        for (SchemaKind k : SchemaKind.values()) {
            Path rng = out.resolve(k.kindName() + ".rng");
            if (Files.exists(rng)) {
                Schemas.load(rng.toUri().toURL());
            }
        }
    }
}
