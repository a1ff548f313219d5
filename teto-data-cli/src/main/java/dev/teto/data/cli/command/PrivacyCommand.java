package dev.teto.data.cli.command;

import dev.teto.data.api.privacy.ErasureReceipt;
import dev.teto.data.api.privacy.PersonalDataExport;
import dev.teto.data.api.privacy.StoreReceipt;
import dev.teto.data.cli.CliCommand;
import dev.teto.data.cli.CliContext;
import dev.teto.data.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/** A data subject's requests: {@code data.privacy().export(..)} to a file, {@code erase(..)} with its receipt. */
@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "Answer a data-subject request: export or erase one person across every configured store.",
        subcommands = {PrivacyCommand.Export.class, PrivacyCommand.Erase.class})
public final class PrivacyCommand {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write everything stored about the user, decrypted, as one JSON file readable by its owner only.")
    static final class Export extends CliCommand {
        @Parameters(paramLabel = "USER-ID", description = "The user's id (UUID).")
        UUID userId;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the JSON.")
        Path out;

        @Option(names = "--force", description = "Replace FILE if it exists.")
        boolean force;

        @Override
        protected int run(CliContext context) {
            if (Files.exists(out) && !force) {
                throw new IllegalArgumentException("--out: " + out + " exists; give --force to replace it");
            }
            Path dir = out.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                // never made here: its permissions are the operator's choice (an export is personal data)
                throw new IllegalArgumentException("--out: directory " + dir + " does not exist; create it first");
            }
            PersonalDataExport export = context.data().privacy().export(userId);
            long bytes = writeOwnerOnly(out, export.json(), force);
            context.out().println("exported user " + userId + " from " + String.join(", ", export.stores())
                    + " to " + out + " (" + bytes + " bytes, owner-only)");
            return ExitCodes.OK;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Erase the user everywhere and print the per-store receipt. Idempotent: run again to "
                    + "continue stores still pending. Exit 5 while any store is pending.")
    static final class Erase extends CliCommand {
        @Parameters(paramLabel = "USER-ID", description = "The user's id (UUID).")
        UUID userId;

        @Override
        protected int run(CliContext context) {
            ErasureReceipt receipt = context.data().privacy().erase(userId);
            print(context.out(), receipt);
            return receipt.complete() ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
        }
    }

    static void print(PrintWriter out, ErasureReceipt receipt) {
        out.println("subject:   " + receipt.subject() + " (keyed hash of the user id)");
        out.println("requested: " + receipt.requestedAt());
        out.println("completed: " + (receipt.complete() ? receipt.completedAt() : "not yet (pending stores are retried)"));
        Table table = new Table("STORE", "STATE", "REMOVED", "ANONYMISED", "AT", "DETAIL");
        for (StoreReceipt s : receipt.stores()) {
            table.row(s.store(), s.state(), s.removed(), s.anonymised(), s.at(), s.detail());
        }
        table.print(out);
    }

    /**
     * Writes through a temporary file created owner-only in the target's directory, then moves it in place: the
     * export is never readable by others, not even half-written.
     */
    static long writeOwnerOnly(Path target, String json, boolean replace) {
        Path dir = target.toAbsolutePath().getParent();
        try {
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
            Path temp = Files.createTempFile(dir, ".teto-export-", ".tmp", attributes);
            try {
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                Files.write(temp, bytes);
                if (replace) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.move(temp, target);   // refuses an existing target (a rename alone would replace it)
                }
                return bytes.length;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("--out: " + target + " exists; give --force to replace it");
        } catch (IOException e) {
            throw new UncheckedIOException("--out: cannot write " + target + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
