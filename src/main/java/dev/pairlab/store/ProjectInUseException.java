package dev.pairlab.store;

/** Another process has the project open for writing. */
public final class ProjectInUseException extends ProjectException {

    public ProjectInUseException(String message) {
        super(message);
    }
}
