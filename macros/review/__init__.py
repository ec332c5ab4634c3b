"""What a change to the content means for citizens, as Swedish Markdown for reviewers.

May import: text, content, structure, facts, validation.
"""
