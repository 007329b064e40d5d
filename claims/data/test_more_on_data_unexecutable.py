"""Statements of 000 ("More on data") that the suite lists but cannot run, each with the reason."""
from harness.declaring.claim import Source, Unexecutable

DOC = "000_d7a1d0a6624d5a73.txt"


def src(section, lines, quote):
    return Source(DOC, section, lines, quote)


COLAB = "Getting data into colab"

UNEXECUTABLE = [
    Unexecutable(
        id="cifar10-ten-categories-fifty-thousand-images",
        statement="torchvision's CIFAR10 has ten categories, and the downloaded data hold fifty thousand images.",
        sources=(src(COLAB, (2721, 2765),
                     "If you are working with images and doing image processing and convolutional neural networks, you "
                     "will definitely take advantage of PyTorch's torch vision module, which comes with several data "
                     "sets, one of which is called CIFAR10. The ten is for a number of categories. ... This contains all "
                     "of the data, the images. It is fifty thousand images."),),
        reason="needs the CIFAR-10 archive, which is not shipped in data/ and cannot be downloaded here (no network; "
               "torchvision is not installed). Checkable offline only against a local copy: the training split has "
               "50,000 images of 10 classes (the archive holds 60,000 with the 10,000 test images)."),
    Unexecutable(
        id="colab-mnist-small-20000-images",
        statement="Colab's sample_data folder holds the MNIST file the course uses, a small version of 20,000 images.",
        sources=(src("Data oversampling in MNIST", (1677, 1677),
                     "technically, this isn't really the full data set because Google CoLab only provides us with a "
                     "small version."),
                 src(COLAB, (2749, 2751),
                     "Now, this sample data thing is always here. In fact, this is where we get the MNIST data set "
                     "from.")),
        reason="a fact about Google Colab's sample_data/mnist_train_small.csv, which is not available here; the MNIST "
               "claims of this section use the shipped real MNIST images (mnist_5k) instead and say so."),
    Unexecutable(
        id="colab-upload-slow-not-scalable",
        statement="Uploading a large data set from the local computer through google.colab.files.upload is slow and "
                  "not scalable; mounting Google Drive is a better method.",
        sources=(src(COLAB, (2822, 2830),
                     "Keep in mind that if you were uploading a data file from your local computer, if it's a large data "
                     "file or if you have many, many files, this could be rather slow. So this is not really scalable. "
                     "... A slightly better method would be if you have data stored on your local computer or on your "
                     "Google Drive"),),
        reason="depends on Google Colab, Google Drive and a network connection, none of which exists here; no "
               "measurable setting (file sizes, bandwidth) is given."),
    Unexecutable(
        id="pandas-reads-excel-from-url",
        statement="pandas imports a small data set (US state marriage rates, an Excel file) directly from its URL.",
        sources=(src(COLAB, (2775, 2783),
                     "OK, then we can also download data directly from the Web using pendas, for example. ... So in this "
                     "case, I'm downloading a data set that is this is called state marriage rates. And you can see "
                     "that the URL, the website is directly this Excel document. So we just import it directly into "
                     "Pandas."),),
        reason="needs the network and the remote file; nothing offline stands in for 'directly from the Web'."),
    Unexecutable(
        id="rare-event-datasets-are-unbalanced",
        statement="Data sets for rare events (fraud detection, disease prediction) are by definition likely to be "
                  "unbalanced.",
        sources=(src("What to do about unbalanced designs?", (1452, 1454),
                     "things like, you know, fraud detection, this is an example, disease prediction. If you're trying "
                     "to predict the presence of a disease, basically, any time you're trying to classify or predict "
                     "things that don't often happen, then by definition, your data set is likely to be unbalanced."),),
        reason="true by definition (a rare class is a small class); no fraud or clinical data set is shipped, and "
               "the consequence for a model is tested on the wine thresholds (wine-threshold-4p5-minority-accuracy-"
               "collapses)."),
    Unexecutable(
        id="augmentation-easier-for-images-than-tabular",
        statement="Data augmentation is quite feasible for images but not always easily done for tabular data or "
                  "financial records.",
        sources=(src("What to do about unbalanced designs?", (1546, 1548),
                     "Now, data augmentation is quite feasible. When you were working with images, it's not always so "
                     "easily done if you're working with other data like tabular data or financial records or things "
                     "like that."),),
        reason="a judgement about practitioners' effort, with no measurable outcome; the suite tests what noise "
               "augmentation does on MNIST (noise-augmented-mnist-beats-original-n500 and the step-matched claims)."),
    Unexecutable(
        id="signal-processing-uses-nonlinear-features",
        statement="Feature augmentation is commonly used in signal processing (power spectra, RMS energy, phase, "
                  "coherence).",
        sources=(src("Data feature augmentation", (2683, 2687),
                     "This kind of feature augmentation is pretty commonly used in signal processing. ... There's "
                     "there's many nonlinear features that can be extracted from time series, signals that are often "
                     "used to augment the data."),),
        reason="a statement about common practice in another field, not an experiment; no time-series data set is "
               "shipped."),
    Unexecutable(
        id="find-datasets-online-for-exercises",
        statement="The section shows how to find interesting data sets online for deep learning exercises.",
        sources=(src("Anatomy of a torch dataset and dataloader", (50, 50),
                     "We will learn how to get data into CoLab from outside CoLab and also learn about how to find data "
                     "sets online that are interesting for deep learning exercises."),),
        reason="a course goal about browsing the web, with nothing to measure and no network here."),
]
