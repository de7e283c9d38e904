"""Import an action-program document (text, .docx, .pdf) into a plan document. Pure Python."""
