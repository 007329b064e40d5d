"""004 (Frank Kane's TensorFlow/Keras course), lecture 1 "Course Introduction" (file line 2): an overview of
the course. Nothing in it is a checkable statement about a computation; its forward references (handwriting
recognition, political parties) are tested where the course does them (lectures 7-10, 12)."""
from harness.declaring.claim import Source, Unexecutable

DOC = "004_2947cf972490c874.txt"
SEC = "Lecture 1: Course Introduction"
LINE = (2, 2)

UNEXECUTABLE = [
    Unexecutable(
        id="small-code-predicts-party",
        statement="The course's activities (handwriting recognition, sentiment analysis, predicting political parties) "
                  "take a surprisingly small amount of code.",
        sources=(Source(DOC, SEC, LINE, "You'll perform handwriting recognition sentiment analysis and predict people's "
                        "political parties using artificial neural networks using a surprisingly small amount of code."),),
        reason="'surprisingly small' is a judgement; the activities themselves are tested where the course runs them "
               "(the MNIST and voting-records claims of lectures 7-10 and 12)"),
    Unexecutable(
        id="deep-learning-most-valuable-skill",
        statement="AI, deep learning and neural networks are the most valuable technical skills to have right now.",
        sources=(Source(DOC, SEC, LINE, "I don't need to tell you that artificial intelligence, deep learning and "
                        "artificial neural networks are the most valuable technical skills toe have."),),
        reason="an opinion about the job market"),
    Unexecutable(
        id="building-a-network-not-hard",
        statement="Building a neural network is not as hard as you think.",
        sources=(Source(DOC, SEC, LINE, "Building a neural network is not as hard as you think."),),
        reason="an opinion about difficulty; no experiment measures it"),
]
