"""The 规划项目目录 page: the catalogue of the five planning documents, beside the register.

``model`` lists the entries and which are adopted, ``filter`` narrows them by text, document
and 领域, ``page`` shows them with the cited paragraph and adopts the chosen ones.
"""
