"""Training flashpoint's models from the labelled corpus in `data/training/` (`flashpoint train`).

The analysis path never imports this package; it reads the weights training writes into
`data/models/`.
"""

from flashpoint.train.corpus import Item, load_corpus, training_files
from flashpoint.train.run import TrainReport, train_all

__all__ = ["Item", "TrainReport", "load_corpus", "train_all", "training_files"]
