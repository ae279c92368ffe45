"""The librarian's review web app: a queue of documents sorted by how unsure
the extraction is, a document page with every extracted span highlighted beside
its records, accept / edit / reject / add with an audit trail, an overview with
server-side SVG charts, and the export of validated documents to the golden
corpus. Run it with ``reestr review --db URL``."""
