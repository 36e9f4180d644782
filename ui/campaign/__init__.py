"""三个一批: the batches per 期 and each batch's 签约, 开工 and 投产 lists."""
